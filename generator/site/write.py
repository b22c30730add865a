"""Write generated pages to a folder, touching only files whose content changed."""

from __future__ import annotations

from pathlib import Path


def write_tree(pages: dict[str, str], out: Path) -> list[str]:
    """Write `pages` under `out`; remove stale `.md` files there. Returns the paths changed."""
    changed = []
    for rel, text in pages.items():
        target = out / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(rel)
    if out.is_dir():
        for stale in sorted(out.rglob("*.md")):
            rel = stale.relative_to(out).as_posix()
            if rel not in pages:
                stale.unlink()
                changed.append(rel)
    return changed
