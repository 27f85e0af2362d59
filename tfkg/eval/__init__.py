"""Evaluation you can trust: seeded splits, named negative protocols, metrics checked against
scikit-learn and BEELINE, baselines in every report, and ModelRun provenance.

``tfkg.eval.harness.evaluate`` is the one entry point; ``tfkg evaluate`` is its command line.
"""
