// libtorch's random generator is process-global: the parity tests seed it, so they must not run beside each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
