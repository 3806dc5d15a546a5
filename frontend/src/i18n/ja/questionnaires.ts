// Messages of the questionnaires screens (Japanese, the reference for the keys).
export const questionnairesJa = {
  title: '質問票テンプレート',
};
