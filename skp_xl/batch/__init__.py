"""Consolidating a whole agency: find the workbooks, read each in parallel, bring together."""
