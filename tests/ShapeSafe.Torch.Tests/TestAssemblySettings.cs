// libtorch's random generator (torch.manual_seed, dropout, weight init) is process-global: tests that seed it and
// compare results (resume continues exactly as an uninterrupted run) must not share it with tests running beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
