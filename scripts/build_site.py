#!/usr/bin/env python3
"""Render the notebooks to a static HTML site for reading without Jupyter or Quarto (offline).

Usage: python scripts/build_site.py [nbs_dir] [out_dir]   (defaults: nbs _site)
Writes index.html (from nbs/index.ipynb, with a table of contents) and one page per chapter, each with
previous / index / next links. Saved outputs are shown as stored (figures, audio); nothing is executed.
Cells hidden with `#| hide` are dropped, and nbdev directives are stripped from the shown code.
"""
import re, sys, html
from pathlib import Path
import nbformat
from nbconvert import HTMLExporter

def _clean(nb):
    cells = []
    for c in nb.cells:
        src = c.source
        if c.cell_type == 'code':
            if re.search(r'^#\|\s*hide\b', src, re.M) or 'nbdev_export(' in src: continue
            if re.search(r'^#\|\s*default_exp\b', src, re.M) and len(src.strip().splitlines()) == 1: continue
            c.source = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        cells.append(c)
    nb.cells = cells
    return nb

def _title(nb, default):
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return default

def build(nbs='nbs', out='_site'):
    nbs, out = Path(nbs), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [p for p in sorted(nbs.glob('*.ipynb')) if not p.name.startswith(('_', '.'))]
    index = nbs/'index.ipynb'
    chapters = [p for p in pages if p != index]
    order = ([index] if index.exists() else []) + chapters
    exp = HTMLExporter(template_name='lab')
    titles = {p: _title(nbformat.read(p, as_version=4), p.stem) for p in order}
    href = lambda p: 'index.html' if p == index else p.stem + '.html'
    toc = '<ol>' + ''.join(f'<li><a href="{href(p)}">{html.escape(titles[p])}</a> <code>{p.name}</code></li>' for p in chapters) + '</ol>'
    for i, p in enumerate(order):
        nb = _clean(nbformat.read(p, as_version=4))
        body, _ = exp.from_notebook_node(nb)
        prev = f'<a href="{href(order[i-1])}">&larr; {html.escape(titles[order[i-1]])}</a>' if i > 0 else ''
        nxt = f'<a href="{href(order[i+1])}">{html.escape(titles[order[i+1]])} &rarr;</a>' if i+1 < len(order) else ''
        nav = f'<nav style="display:flex;justify-content:space-between;padding:8px 16px;border-bottom:1px solid #ddd;font-family:sans-serif">{prev}<a href="index.html">uss_repro</a>{nxt}</nav>'
        extra = f'<div style="padding:0 16px;font-family:sans-serif"><h2>Chapters</h2>{toc}</div>' if p == index else ''
        body = body.replace('<body', '<body', 1)
        body = re.sub(r'(<body[^>]*>)', r'\1' + nav.replace('\\', '\\\\') + extra.replace('\\', '\\\\'), body, count=1)
        body = re.sub(r'(</body>)', nav.replace('\\', '\\\\') + r'\1', body, count=1)
        (out/href(p)).write_text(body, encoding='utf-8')
    print(f'wrote {len(order)} pages to {out}/ (open {out}/index.html)')

if __name__ == '__main__':
    build(*sys.argv[1:3])
