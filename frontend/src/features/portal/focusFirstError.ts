/**
 * After a refused submit, the first field in error takes the focus (and so comes into view), once React
 * has drawn the messages: on a phone the message would otherwise sit far above the button.
 */
export function focusFirstError(formId: string): void {
  window.requestAnimationFrame(() => {
    const error = document.getElementById(formId)?.querySelector('.mantine-InputWrapper-error');
    error?.closest('.mantine-InputWrapper-root')?.querySelector<HTMLElement>('input, textarea')?.focus();
  });
}
