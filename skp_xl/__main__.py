"""``python -m skp_xl``: the same as the ``skp-xl`` command."""

from skp_xl.cli import main

main()
