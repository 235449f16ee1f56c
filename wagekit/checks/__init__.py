"""Checks 检查: pure functions from campaign tables to findings, one theme per module."""
