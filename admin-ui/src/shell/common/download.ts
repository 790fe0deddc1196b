/** Hands a fetched file to the browser as a download named `fileName`. */
export const saveBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
