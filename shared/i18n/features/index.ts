import { codebook } from './codebook';
import { dialogue } from './dialogue';
import { docx } from './docx';
import { exporting } from './exporting';
import { help } from './help';
import { insights } from './insights';
import { restore } from './restore';
import { safety } from './safety';
import { templates } from './templates';
import { toasts } from './toasts';

// One entry per feature namespace.
export const features = { codebook, dialogue, docx, exporting, help, insights, restore, safety, templates, toasts };
