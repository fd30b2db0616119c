/** Hands a text to the browser as a file to save (a profile backup, the interface texts). */
export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the click: the address can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
