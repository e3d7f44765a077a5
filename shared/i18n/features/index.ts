import { classList } from './classList';
import { codebook } from './codebook';
import { dialogue } from './dialogue';
import { docx } from './docx';
import { exchange } from './exchange';
import { exporting } from './exporting';
import { firstRun } from './firstRun';
import { help } from './help';
import { insights } from './insights';
import { keySafety } from './keySafety';
import { mirror } from './mirror';
import { playback } from './playback';
import { policy } from './policy';
import { portfolio } from './portfolio';
import { recording } from './recording';
import { restore } from './restore';
import { safety } from './safety';
import { shell } from './shell';
import { templates } from './templates';
import { toasts } from './toasts';
import { transcription } from './transcription';

// One entry per feature namespace.
export const features = { classList, codebook, dialogue, docx, exchange, exporting, firstRun, help, insights, keySafety, mirror, playback, policy, portfolio, recording, restore, safety, shell, templates, toasts, transcription };
