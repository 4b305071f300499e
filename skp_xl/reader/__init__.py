"""Reading filled SKP workbooks back into records: file triage, defined names, snapshots."""
