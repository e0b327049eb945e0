#!/usr/bin/env python3
"""Render the notebooks to a static HTML site that reads offline (math as MathML, sidebar, landing page with
the committed results), then check it: no raw TeX, no link to a missing file. The code is `uss_repro.site`
(nbs/23_site.ipynb).

Usage: python scripts/build_site.py [nbs_dir] [out_dir]   (defaults: nbs _site); exits 1 if the check finds problems.
"""
import sys
from uss_repro.site import main

if __name__ == '__main__': sys.exit(main(*sys.argv[1:3]))
