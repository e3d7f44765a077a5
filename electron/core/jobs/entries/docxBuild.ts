import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { buildDialogueSummary } from '../../export/dialogueSummaryDocx';
import { buildGroupReport } from '../../export/groupReportDocx';
import { buildPortfolio } from '../../export/portfolioDocx';
import type { DocxJob } from '../../export/docxJob';
import type { JobReply } from '../limitedJob';
import type { WARM, WarmReply, WarmRequest } from '../warmJob';

/**
 * Worker entry: builds one Word document from plain data. Packing a portfolio (XML for every
 * dialogue, then the zip) is the heaviest thing an export does; here it neither holds the host
 * that answers the mentor's clicks nor leaves its garbage in the host's heap.
 */
async function build(job: DocxJob): Promise<Buffer> {
  switch (job.kind) {
    case 'dialogue':
      return buildDialogueSummary(job.input, job.options, job.ctx);
    case 'portfolio':
      return buildPortfolio(job.input, job.options, job.ctx);
    case 'group':
      return buildGroupReport(job.input, job.ctx);
  }
}

async function run(job: DocxJob): Promise<JobReply> {
  try {
    const data = await build(job);
    return { ok: true, value: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}

// Warm (see warmJob.ts): serve one document after another; otherwise build the one job given.
if ((workerData as typeof WARM | null)?.warm) {
  parentPort?.on('message', (request: WarmRequest) => {
    void run(request.input as DocxJob).then((reply) => parentPort?.postMessage({ id: request.id, reply } satisfies WarmReply));
  });
} else {
  void run(workerData as DocxJob).then((reply) => parentPort?.postMessage(reply));
}
