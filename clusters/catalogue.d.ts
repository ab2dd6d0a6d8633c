// Types the entries of `platform:` by the catalogue's components. Business apps type `apps:`
// entries themselves: tsconfig.json includes every package in ../apps, so adding an app there
// is all it takes.
import type {} from '@wavesmith/addons';
