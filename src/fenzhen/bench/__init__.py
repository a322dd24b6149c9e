"""Benchmarks on real external data: readers, metrics and reports (commands in fenzhen.cli.bench)."""
