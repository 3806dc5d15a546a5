// Messages of the assessments screens (Japanese, the reference for the keys).
export const assessmentsJa = {
  title: '評価',
};
