import type { History } from '../model-schema.ts';

/**
 * A run's history as CSV, one line per epoch from epoch 1; test columns are
 * empty where nothing was held out.
 */
export function historyToCsv(history: History): string {
  const lines = [
    'epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds',
  ];
  for (let i = 0; i < history.trainLoss.length; i++) {
    const cells = [
      i + 1,
      history.trainLoss[i],
      history.trainAccuracy[i],
      history.testLoss[i] ?? '',
      history.testAccuracy[i] ?? '',
      history.seconds[i] ?? '',
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
