/**
 * Questions numbered "2.3" (section 2, question 3): one numbering wherever a question is named, on the staff screens,
 * in the vendor portal and in the exported workbook, so a reviewer and a vendor talking about "問 2.3" mean the
 * same question. Takes a questionnaire's sections (a definition's or the portal's).
 */
export function questionNumbers(sections: readonly { questions: readonly { key: string }[] }[]): Map<string, string> {
  const numbers = new Map<string, string>();
  sections.forEach((section, s) => section.questions.forEach((q, i) => numbers.set(q.key, `${s + 1}.${i + 1}`)));
  return numbers;
}
