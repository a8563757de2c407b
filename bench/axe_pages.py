"""Accessibility audit of the built pages with axe-core in headless Chromium.

Run: .venv/bin/python bench/axe_pages.py [PAGES...]   (default: a build of claims/ with --html)

axe-core (npm) is installed once under bench/.peers/axe; Chromium comes from the system
(``apt-get install chromium``). Each page is copied without its Content-Security-Policy
(which rightly refuses the injected audit script), opened in light and in dark mode, and
audited; every violation is printed with up to three of the elements it names. Exits 1
when any page has one. Nothing here runs in the test command: it needs npm and a browser.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / ".peers" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
_REPORT = re.compile(r'<pre id="axe-out">(.*?)</pre>', re.DOTALL)
_RUN = """<script>window.addEventListener("load", () => {
  axe.run(document, {resultTypes: ["violations"]}).then((r) => {
    const pre = document.createElement("pre");
    pre.id = "axe-out";
    pre.textContent = JSON.stringify(r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    })));
    document.body.appendChild(pre);
  });
});</script>"""


def install_axe() -> None:
    if AXE.exists():
        return
    folder = AXE.parents[2]
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(folder), "axe-core@4"], check=True)


def audit(page: Path, dark: bool, scratch: Path) -> list[dict[str, object]]:
    source = _CSP.sub("", page.read_text("utf-8"))
    source = source.replace("</body>", f"<script>{AXE.read_text('utf-8')}</script>{_RUN}</body>")
    copy = scratch / f"{page.stem}.audit.html"
    copy.write_text(source, "utf-8")
    for asset in page.parent.iterdir():  # the page's images, beside it as in the build
        if asset.suffix == ".svg" and not (scratch / asset.name).exists():
            shutil.copy(asset, scratch / asset.name)
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu"]
    command += ["--virtual-time-budget=15000", "--dump-dom"]
    if dark:
        command += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]
    dom = subprocess.run(
        [*command, copy.as_uri()], capture_output=True, text=True, timeout=120, check=False
    ).stdout
    found = _REPORT.search(dom)
    if found is None:
        raise RuntimeError(f"{page}: the audit did not run")
    violations: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return violations


def main() -> int:
    install_axe()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        pages = [Path(p).resolve() for p in sys.argv[1:]]
        if not pages:
            site = scratch / "site"
            argmap = [sys.executable, "-m", "argmap", "build", str(HERE.parent / "claims")]
            subprocess.run([*argmap, "-o", str(site), "--html"], check=True, capture_output=True)
            pages = sorted(site.glob("*.html"))
        failed = False
        for page in pages:
            for dark in (False, True):
                violations = audit(page, dark, scratch)
                look = "dark" if dark else "light"
                print(f"{page.name} ({look}): {len(violations)} violations")
                for v in violations:
                    failed = True
                    print(f"  {v['impact']} {v['id']}: {v['help']}; {v['nodes']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
