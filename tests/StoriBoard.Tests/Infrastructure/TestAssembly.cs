// The suite starts real processes (Redis, gateways, a browser) on a 2-core machine: one test at a time keeps it
// predictable.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
