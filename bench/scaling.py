"""Build time against the number of procedures: our generator on generated content, and plain Material on
the same number of plain Markdown pages of similar size."""
from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load as mkdocs_yaml_load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pipeline import build_artefacts, project_settings  # noqa: E402
from generator.plugin import PDF_PRINTED  # noqa: E402
from generator.site_plan import language_roots  # noqa: E402
from tests.site.project_copy import copy_project  # noqa: E402

# The languages the site is built in, as its mkdocs.yml configures them: plain Material builds as many sites.
LANGS = project_settings(ROOT / "mkdocs.yml").languages


def generate_procedures(project: Path, count: int) -> None:
    """`count` procedures in content/procedures/: the real ones, then copies of them under new slugs and titles
    (every field still passes the schema; `related` keeps pointing at real procedures)."""
    folder = project / "content" / "procedures"
    real = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))]
    for number in range(count - len(real)):
        procedure = dict(real[number % len(real)])
        procedure["slug"] = f"{procedure['slug']}-{number + 1}"
        procedure["title"] = {lang: f"{text} ({number + 1})" for lang, text in procedure["title"].items()}
        (folder / f"{procedure['slug']}.yml").write_text(
            yaml.safe_dump(procedure, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def procedure_text_size(site: Path) -> int:
    """How much text (characters, tags left out) a real procedure page's article holds, the languages' mean."""
    sizes = []
    for page in (site / root / "procedures" / "dcem" / "index.html"
                 for root in language_roots(LANGS).values()):
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article"): html.index("</article>")]
        sizes.append(len(" ".join(re.sub(r"<[^>]+>", " ", article).split())))
    return sum(sizes) // len(sizes)


def plain_material_project(target: Path, count: int, page_size: int) -> Path:
    """Two plain Material projects (one per language, as our site is two builds), `count` pages each."""
    paragraph = ("Les pièces à fournir, le coût, les étapes et les sources de la démarche sont décrits ici, "
                 "avec les liens vers les textes et le service en ligne de la préfecture. ")
    for lang in LANGS:
        docs = target / lang / "docs"
        docs.mkdir(parents=True)
        (target / lang / "mkdocs.yml").write_text(textwrap.dedent(f"""\
            site_name: Plain {lang}
            theme:
              name: material
              language: {lang}
            """), encoding="utf-8")
        (docs / "index.md").write_text("# Plain\n\nHome.\n", encoding="utf-8")
        for number in range(count):
            body = [f"# Procedure {number}\n", paragraph, "## Documents\n"]
            body += [f"- Document {item}: {paragraph[:60]}" for item in range(6)]
            body += ["", "## Steps\n"] + [f"{item}. {paragraph[:80]}" for item in range(1, 4)]
            body += ["", "## Sources\n", f"- [Légifrance](https://www.legifrance.gouv.fr/) {number}", ""]
            text = "\n".join(body)
            while len(text) < page_size:
                text += "\n" + paragraph
            (docs / f"page-{number:04d}.md").write_text(text + "\n", encoding="utf-8")
    return target


def plain(value):
    """The navigation as YAML writes it: its labels are the generator's safe text (Markup), written as strings."""
    if isinstance(value, dict):
        return {str(key): plain(inner) for key, inner in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(inner) for inner in value]
    return str(value) if isinstance(value, str) else value


def same_pages_project(target: Path, ours: Path) -> Path:
    """Material alone building the very pages our generator writes: each language's Markdown (as the plugin
    renders it), navigation and Markdown extensions, in two plain projects; no plugin of ours, no theme
    override, no PDF. What our build costs beyond this is the generator's own work."""
    with (ours / "mkdocs.yml").open(encoding="utf-8") as config_file:
        extensions = mkdocs_yaml_load(config_file)["markdown_extensions"]
    artefacts = build_artefacts(ours, project_settings(ours / "mkdocs.yml"))
    for lang, site in artefacts.sites.items():
        for src, markdown in site.pages.items():
            (target / lang / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
            (target / lang / "docs" / src).write_text(markdown, encoding="utf-8")
        config = {"site_name": str(site.site_name), "theme": {"name": "material", "language": lang},
                  "markdown_extensions": extensions, "nav": plain(site.nav)}
        (target / lang / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, its log) of a command. CPU time is what the comparisons use: other work on a
    shared machine stretches the wall time most (it stretches CPU time too, by up to a third here, hence the
    repeats taken in turn)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result.stderr


def pdf_seconds(log: str) -> float:
    """The information document's printing time, from the build log (generator/plugin.py writes it)."""
    found = re.search(re.escape(PDF_PRINTED) + r" ([0-9.]+) s", log)
    if not found:
        raise RuntimeError(f"no '{PDF_PRINTED}' line in the build log:\n{log[-2000:]}")
    return float(found.group(1))


# Every language's Material build in one Python process, as our languages are built.
MATERIAL_BUILD = ("import sys\nfrom mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
                  f"for lang in {list(LANGS)!r}:\n    build(load_config(f'{{lang}}/mkdocs.yml', site_dir=f'{{lang}}/site'))\n")


@dataclass
class BuildTimes:
    sizes: list[int]
    repeats: int
    # procedures -> one sample per repeat: (wall s, CPU s); the PDF's CPU s is part of ours
    ours: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    pdf: dict[int, list[float]] = field(default_factory=dict)
    plain: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    same: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # Material on our pages' Markdown
    page_size: int = 0

    def pages(self, count: int) -> tuple[int, int]:
        """Pages each build writes: ours (and Material on our Markdown) 7 fixed pages per language beside the
        procedures, plain one home page per language."""
        return 2 * (count + 7), 2 * (count + 1)

    def median(self, samples: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)

    def table(self) -> list[str]:
        lines = [f"Each size built {self.repeats} times, the three builds in turn; medians. Seconds of CPU (wall "
                 "clock in brackets; the ratios use CPU time, which other work on the machine stretches less). Three "
                 "builds of every language:", "",
                 "- **ours**: `mkdocs build --strict` on generated procedures (a real procedure page holds "
                 f"~{self.page_size} characters of text). It also prints the information document (PDF, every "
                 "procedure in every language), a file beside the pages: its share, from the build log, is given "
                 "apart, and each ratio is given with and without it;",
                 "- **plain Material** (`theme: material`, nothing else) building as many plain Markdown pages of "
                 "that text size, one process;",
                 "- **Material on our Markdown**: the same, building the very Markdown, navigation and Markdown "
                 "extensions our generator produces for those pages (no plugin of ours, no theme override, no PDF). "
                 "Ours against it is the generator's own work; it against plain Material is what the richer "
                 "markup of our pages costs Material itself.", "",
                 "| procedures | pages | ours | of which the PDF | plain Material | Material on our Markdown "
                 "| ratio per page to plain | without the PDF | ratio to Material on our Markdown | without the PDF |",
                 "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for count in self.sizes:
            ours_pages, plain_pages = self.pages(count)
            (ours_wall, ours), (plain_wall, plain), (same_wall, same) = (
                self.median(self.ours[count]), self.median(self.plain[count]), self.median(self.same[count]))
            pdf = statistics.median(self.pdf[count])
            to_plain = (ours / ours_pages) / (plain / plain_pages)
            to_plain_pages = ((ours - pdf) / ours_pages) / (plain / plain_pages)
            lines.append(f"| {count} | {ours_pages} / {plain_pages} | {ours:.2f} s ({ours_wall:.2f}) | {pdf:.2f} s "
                         f"| {plain:.2f} s ({plain_wall:.2f}) | {same:.2f} s ({same_wall:.2f}) "
                         f"| {to_plain:.2f} | {to_plain_pages:.2f} | {ours / same:.2f} | {(ours - pdf) / same:.2f} |")
        if len(self.sizes) >= 2:
            lines += ["", "Cost of one more procedure (two pages, one per language), between successive sizes, CPU "
                      "(medians):", "",
                      "| from → to | ours | of which the PDF | plain Material (two pages) | Material on our Markdown "
                      "| ratio to plain | ours − plain |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
            cpu = {name: {n: [c for _, c in runs] for n, runs in getattr(self, name).items()}
                   for name in ("ours", "plain", "same")}
            for low, high in zip(self.sizes, self.sizes[1:]):
                def step(samples):
                    return (statistics.median(samples[high]) - statistics.median(samples[low])) / (high - low)
                ours, plain, same, pdf = step(cpu["ours"]), step(cpu["plain"]), step(cpu["same"]), step(self.pdf)
                lines.append(f"| {low} → {high} | {ours * 1000:.1f} ms | {pdf * 1000:.1f} ms | {plain * 1000:.1f} ms "
                             f"| {same * 1000:.1f} ms | {ours / plain:.2f} | {(ours - plain) * 1000:.1f} ms |")
            lines += ["", "Linear growth: the same cost per procedure on every row. Material itself grows a little "
                      "faster than linearly (every page carries the whole navigation); what we add is the last "
                      "column."]
        return lines


def measure_builds(work: Path, sizes: list[int], repeats: int = 3) -> BuildTimes:
    """Each size built `repeats` times, ours, plain Material and Material on our Markdown in turn, so that a
    slow spell of the machine falls on all three rather than on one; every build writes into an empty folder."""
    times = BuildTimes(sizes=sizes, repeats=repeats)
    for count in sizes:
        project = copy_project(work / f"ours-{count}")
        generate_procedures(project, count)
        site = work / f"ours-{count}-site"
        plain = same = None
        for samples in (times.ours, times.pdf, times.plain, times.same):
            samples[count] = []
        for _ in range(repeats):
            shutil.rmtree(site, ignore_errors=True)
            wall, cpu, log = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                   cwd=project)
            times.ours[count].append((wall, cpu))
            times.pdf[count].append(pdf_seconds(log))
            if plain is None:
                times.page_size = times.page_size or procedure_text_size(site)
                plain = plain_material_project(work / f"plain-{count}", count, times.page_size)
                same = same_pages_project(work / f"same-{count}", project)
            for folder, samples in ((plain, times.plain), (same, times.same)):
                for lang in LANGS:
                    shutil.rmtree(folder / lang / "site", ignore_errors=True)
                samples[count].append(timed([sys.executable, "-c", MATERIAL_BUILD], cwd=folder)[:2])
        (_, ours), (_, plain_cpu), (_, same_cpu) = (times.median(times.ours[count]), times.median(times.plain[count]),
                                                   times.median(times.same[count]))
        print(f"  {count} procedures, medians of {repeats}: ours {ours:.2f} s CPU (PDF "
              f"{statistics.median(times.pdf[count]):.2f} s), plain Material {plain_cpu:.2f} s, Material on our "
              f"Markdown {same_cpu:.2f} s", file=sys.stderr)
    return times
