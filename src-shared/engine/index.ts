// The MLP engine: networks, forward and backward passes, losses,
// optimizers, metrics, the training loop and the single-step inspector.

export * from './activations.ts';
export * from './losses.ts';
export * from './network.ts';
export * from './propagation.ts';
export * from './step.ts';
export * from './optimizers.ts';
export * from './metrics.ts';
export * from './training.ts';
