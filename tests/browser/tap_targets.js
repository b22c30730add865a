// Every link and control on the page that is smaller than a 24 px tap target, as text for a test
// failure. Stricter than WCAG 2.2's 2.5.8 (which axe checks): every target is at least 24 px tall,
// links in running text too, whose size the criterion would excuse; a target narrower than 24 px
// (a link one letter wide) passes only with WCAG's spacing exception, a 24 px circle around its
// centre touching no other target. Targets in the theme's drawer, hidden off screen on a phone
// until it is opened, and in drawings are left out.
() => {
  const MIN = 24;
  const visible = (el) => {
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && el.getClientRects().length > 0 && el.getBoundingClientRect().width > 1;
  };
  const els = [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
    .filter(visible).filter(el => !el.closest("svg, .md-sidebar"));
  const boxes = els.map(el => ({el, rects: [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0)}));
  const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") + ` "${(el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" in ${el.parentElement.tagName.toLowerCase()}${el.parentElement.className ? "." + String(el.parentElement.className).trim().split(/\s+/).join(".") : ""}`;
  const narrow = [];
  const problems = [];
  for (const b of boxes) for (const r of b.rects) {
    if (r.height < MIN - 0.5) problems.push(`${name(b.el)}: ${Math.round(r.width)}×${Math.round(r.height)} px`);
    else if (r.width < MIN - 0.5) narrow.push({b, r});
  }
  const gap = (cx, cy, r) => Math.hypot(Math.max(r.left - cx, 0, cx - r.right), Math.max(r.top - cy, 0, cy - r.bottom));
  for (const n of narrow) {
    const cx = (n.r.left + n.r.right) / 2, cy = (n.r.top + n.r.bottom) / 2;
    const clash = boxes.some(o => o !== n.b && o.rects.some(r => gap(cx, cy, r) < MIN / 2))
      || narrow.some(m => m.b !== n.b && Math.hypot(cx - (m.r.left + m.r.right) / 2, cy - (m.r.top + m.r.bottom) / 2) < MIN);
    if (clash) problems.push(`${name(n.b.el)}: ${Math.round(n.r.width)}×${Math.round(n.r.height)} px, too close to another`);
  }
  return problems;
}
