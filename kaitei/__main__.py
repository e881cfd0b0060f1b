"""``python -m kaitei``: the same as the ``kaitei`` command."""

from kaitei.cli import main

raise SystemExit(main())
