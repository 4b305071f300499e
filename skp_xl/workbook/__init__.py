"""The workbook adapter: what skp-xl writes into and reads from Excel files (openpyxl)."""
