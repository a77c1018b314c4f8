/**
 * Saving an image the person can keep. Taro picks saveImage.weapp.ts or saveImage.h5.ts by file
 * suffix at build time; this fallback (other platforms) has no way to save, so pages hide the button.
 */
export const canSaveImage: boolean = false

export async function saveImage(_dataUrl: string, _fileName: string): Promise<void> {}
