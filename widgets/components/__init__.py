"""Components 组件: the reusable widgets the apps are built from; none reads a campaign folder."""
