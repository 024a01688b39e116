"""The residence plugin's options in mkdocs.yml, declared once: MkDocs validates them (each option names its own
error) and every part of the build reads the validated object (generator/pipeline.py: Settings)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


# The publisher a fresh clone builds with: its name and contacts are placeholders, so a site built with it is a
# demonstration (every page and notice says so) and may not be built for a public address (SITE_URL).
EXAMPLE_PUBLISHER = "exemple"


class ResidenceSiteConfig(Config):
    # Each default is given here and nowhere else: mkdocs.yml names the project's prefecture (no default), and leaves
    # the publisher to its default unless PUBLISHER names another.
    prefecture = c.Type(str)  # content/prefectures/<name>.yml: whose contacts are shown
    publisher = c.Type(str, default=EXAMPLE_PUBLISHER)  # content/publishers/<name>.yml: who publishes the site
    # The site's languages: the first at the root, each other one under /<code>/ (generator/site_plan.py); each has
    # its catalogue, content/i18n/<code>.yml, and every text of the content is written in each.
    languages = c.ListOfItems(c.Type(str))
    # The information documents: each a list of languages set side by side (a PDF and its HTML twin).
    documents = c.ListOfItems(c.ListOfItems(c.Type(str)), default=[])
    content_dir = c.Type(str, default="content")

    def validate(self):
        """Each option checks itself; then what holds between them: languages given once, and every document in
        configured languages."""
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        languages = list(self.languages)
        if not languages:
            failed.append(("languages", ValidationError("name at least one language, the first served at the root")))
        twice = sorted({code for code in languages if languages.count(code) > 1})
        if twice:
            failed.append(("languages", ValidationError(f"given twice: {', '.join(twice)}")))
        for index, document in enumerate(self.documents):
            unknown = [code for code in document if code not in languages]
            if unknown:
                failed.append(("documents", ValidationError(
                    f"document {index + 1} ({', '.join(document)}) names {', '.join(unknown)}, which is not in "
                    f"languages ({', '.join(languages)})")))
            elif not document or len(set(document)) != len(document):
                failed.append(("documents", ValidationError(
                    f"document {index + 1} ({', '.join(document)}) must name its languages once each")))
        return failed, warnings
