"""The bundled demo project: sample articles, two annotators' layers that disagree, and
guidelines written for it in English and Arabic (``samples/guidelines/<language>.md``)."""

from __future__ import annotations

from pathlib import Path

from annotator.paths import demo_project_path, resource_path


def ensure_demo_project(path: Path | None = None) -> Path:
    """Create the demo project at ``path`` (default: the per-user data folder) if missing."""
    path = path or demo_project_path()
    if path.exists() and path.stat().st_size > 0:
        return path
    # on first use (docs/architecture.md, "Layers")
    from annotator.core.ingest import import_documents
    from annotator.core.store import Project
    from annotator.core.store import guidelines
    from annotator.formats.native import read_jsonl
    from annotator.formats.plaintext import read_text_file, text_files

    samples = resource_path("samples")
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    with Project.create(partial) as project:
        articles = [doc for file in text_files(samples / "articles") for doc in read_text_file(file)]
        import_documents(project, articles)
        for layer_file in sorted((samples / "annotations").glob("*.jsonl")):
            import_documents(project, read_jsonl(layer_file), annotator=layer_file.stem)
        for language_file in sorted((samples / "guidelines").glob("*.md")):
            guidelines.replace(project, language_file.read_text(encoding="utf-8"), language_file.stem)
    partial.replace(path)
    return path
