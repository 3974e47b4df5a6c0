"""Synthetic face material for tests and benchmarks: liveness clips (:mod:`.synth`), the test set (:mod:`.testset`)."""
