"""Runtime 运行环境: the Voila plumbing (visitor, campaign, day, store) every app kernel shares."""
