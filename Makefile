# The README's commands. `make test` is what CI runs.
.PHONY: install main test test-slow docs bench clean-nbs

install:
	pip install -c constraints.txt -e ".[dev]"

test:
	timeout 2700 python -m pytest -q tests --timeout 900 -p no:cacheprovider -W ignore::DeprecationWarning

test-slow:
	NBDEV_FLAGS=slow timeout 5400 python -m pytest -q tests --timeout 3600 -p no:cacheprovider

docs:
	python scripts/build_site.py nbs _site

sync:
	nbdev_export && nbdev_clean
