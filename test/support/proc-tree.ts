/** Moved to scripts/support (benchmarks use it too; scripts never import test/). */
export * from '../../scripts/support/proc-tree';
