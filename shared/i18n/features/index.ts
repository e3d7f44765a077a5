import { codebook } from './codebook';
import { dialogue } from './dialogue';
import { help } from './help';
import { templates } from './templates';

// One entry per feature namespace.
export const features = { codebook, dialogue, help, templates };
