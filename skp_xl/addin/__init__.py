"""The Excel add-in: its ribbon callbacks and UDFs, and the build of ``skp_xl.xlam``."""
