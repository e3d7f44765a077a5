import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectOnnxModelFile } from '../../../../electron/core/transcription/onnxModelFile';
import { tinyEmbeddingModel, tinySegmentationModel } from '../../helpers/onnxTinyModels';
import { tempDir } from '../../helpers/tempDir';

/** The import's own reading of a picked ONNX file, before sherpa-onnx (which aborts or exits on bad ones) sees it. */
function write(bytes: Uint8Array): string {
  const path = join(tempDir(), 'model.onnx');
  writeFileSync(path, bytes);
  return path;
}

describe('inspectOnnxModelFile', () => {
  it('tells the segmentation model from the embedding model by their metadata', () => {
    expect(inspectOnnxModelFile(write(tinySegmentationModel()))).toMatchObject({ kind: 'segmentation', irVersion: 7, numSpeakers: 3 });
    expect(inspectOnnxModelFile(write(tinyEmbeddingModel({ embeddingDim: 24 })))).toMatchObject({ kind: 'embedding', framework: 'wespeaker', outputDim: 24 });
  });

  it.each([
    ['window_size'], ['receptive_field_shift'], ['num_classes'], ['powerset_max_classes'], ['sample_rate'],
  ])('refuses a segmentation model without %s (sherpa-onnx would exit)', (key) => {
    expect(() => inspectOnnxModelFile(write(tinySegmentationModel({ omitSegmentationKeys: [key] }))))
      .toThrow(expect.objectContaining({ code: 'SPEAKER_MODEL_METADATA', params: { key } }));
  });

  it.each([['output_dim'], ['normalize_samples'], ['language']])('refuses an embedding model without %s', (key) => {
    expect(() => inspectOnnxModelFile(write(tinyEmbeddingModel({ omitEmbeddingKeys: [key] }))))
      .toThrow(expect.objectContaining({ code: 'SPEAKER_MODEL_METADATA', params: { key } }));
  });

  it('refuses an ONNX file that is neither model', () => {
    expect(() => inspectOnnxModelFile(write(tinyEmbeddingModel({ omitEmbeddingKeys: ['framework'] })))).toThrow(expect.objectContaining({ code: 'SPEAKER_MODEL_UNKNOWN_KIND' }));
  });

  it('refuses what is not ONNX at all (sherpa-onnx aborts the process on these)', () => {
    const riff = new Uint8Array(4096);
    riff.set(new TextEncoder().encode('RIFF\x24\x08\x00\x00WAVEfmt '));
    for (const bytes of [riff, new TextEncoder().encode('{"this": "is json, not protobuf"}'), new Uint8Array(3)]) {
      expect(() => inspectOnnxModelFile(write(bytes))).toThrow(expect.objectContaining({ code: expect.stringMatching(/^(SPEAKER_MODEL_INVALID|MODEL_TRUNCATED)$/) }));
    }
  });

  it('refuses a file cut short, wherever it is cut', () => {
    const whole = tinySegmentationModel();
    for (const cut of [20, 100, 1000, whole.length - 300, whole.length - 1]) {
      expect(() => inspectOnnxModelFile(write(whole.slice(0, cut)))).toThrow(expect.objectContaining({ code: expect.stringMatching(/^(SPEAKER_MODEL_INVALID|MODEL_TRUNCATED|SPEAKER_MODEL_METADATA|SPEAKER_MODEL_UNKNOWN_KIND)$/) }));
    }
  });
});
