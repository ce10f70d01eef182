// Classification metrics. Outputs are row-major [n × nOutputs]. A network
// with one output predicts class 1 when the output is at least 0.5 (labels
// are 0/1, whatever the output activation: sigmoid, tanh or identity); with
// several outputs it predicts the argmax, the first one on ties.

/** Threshold for one-output networks. */
export const BINARY_THRESHOLD = 0.5;

/** The predicted class of sample `i`. */
export function predictLabel(
  output: Float64Array,
  i: number,
  nOutputs: number,
): number {
  const row = i * nOutputs;
  if (nOutputs === 1) return output[row] >= BINARY_THRESHOLD ? 1 : 0;

  let best = 0;
  let bestValue = output[row];
  for (let j = 1; j < nOutputs; j++) {
    if (output[row + j] > bestValue) {
      bestValue = output[row + j];
      best = j;
    }
  }
  return best;
}

/** Predicted classes of the first n samples. */
export function predictLabels(
  output: Float64Array,
  n: number,
  nOutputs: number,
): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = predictLabel(output, i, nOutputs);
  return labels;
}

/** Number of the first n samples whose predicted class equals the label. */
export function countCorrect(
  output: Float64Array,
  labels: Int32Array,
  labelOffset: number,
  n: number,
  nOutputs: number,
): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    if (predictLabel(output, i, nOutputs) === labels[labelOffset + i])
      correct++;
  }
  return correct;
}

/** Share of samples predicted right; 0 for no samples. */
export function accuracy(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
): number {
  if (labels.length !== predicted.length) {
    throw new Error(
      `accuracy: ${labels.length} labels but ${predicted.length} predictions`,
    );
  }
  if (labels.length === 0) return 0;

  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === predicted[i]) correct++;
  }
  return correct / labels.length;
}

/** Counts [true class][predicted class]. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  nClasses: number,
): number[][] {
  if (labels.length !== predicted.length) {
    throw new Error(
      `confusionMatrix: ${labels.length} labels but ${predicted.length} predictions`,
    );
  }
  const matrix = Array.from({ length: nClasses }, () =>
    new Array<number>(nClasses).fill(0),
  );
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i];
    const guess = predicted[i];
    if (!(truth >= 0 && truth < nClasses && guess >= 0 && guess < nClasses)) {
      throw new Error(
        `confusionMatrix: sample ${i} has class ${truth} → ${guess}, outside 0..${nClasses - 1}`,
      );
    }
    matrix[truth][guess]++;
  }
  return matrix;
}

/** Precision and recall of one class; null where the ratio is 0/0. */
export interface ClassScores {
  precision: number | null;
  recall: number | null;
}

/**
 * Per-class precision (right among predicted as the class) and recall
 * (found among truly of the class) from a confusion matrix; a class never
 * predicted has precision null and a class absent from the labels has
 * recall null, as 0/0 is undefined rather than bad.
 */
export function classScores(matrix: number[][]): ClassScores[] {
  const n = matrix.length;
  return matrix.map((row, c) => {
    let predictedAs = 0;
    for (let r = 0; r < n; r++) predictedAs += matrix[r][c];
    let actual = 0;
    for (let p = 0; p < n; p++) actual += row[p];
    const hits = row[c];
    return {
      precision: predictedAs === 0 ? null : hits / predictedAs,
      recall: actual === 0 ? null : hits / actual,
    };
  });
}
