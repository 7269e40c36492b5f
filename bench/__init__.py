"""Benchmarks beside Presidio (see bench/README.md); run each as a script from the repository root."""
