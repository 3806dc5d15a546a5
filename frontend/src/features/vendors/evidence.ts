import { filesDownloadFile } from '../../client/sdk.gen';
import { filenameFromResponse, saveBlob } from '../../lib/download';

/** Download an evidence file through the generated client and hand it to the browser. */
export async function downloadEvidence(fileId: string): Promise<void> {
  const { data, response } = await filesDownloadFile({ path: { file_id: fileId }, parseAs: 'blob', throwOnError: true });
  saveBlob(data as Blob, filenameFromResponse(response, 'evidence'));
}
