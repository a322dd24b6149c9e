"""Versioned prompt files (data, loaded by `fenzhen.llm.prompt_files`)."""

__all__: list[str] = []
