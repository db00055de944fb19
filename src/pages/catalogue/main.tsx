import { render } from 'preact';
import { t } from '../../engine/i18n';
import { installFirefoxVocabulary } from '../../engine/errors/vocabulary';
import { useBrowserLanguage } from '../../platform/i18n';
import '../components/base.css';
import { Catalogue } from './Catalogue';
import './style.css';

// The user's language before anything renders or asks the engine for words.
useBrowserLanguage();
// The reference of every code, in both browsers: a Chrome user may paste a Firefox code here too.
installFirefoxVocabulary();
document.title = t('cat_title');

const initial = new URLSearchParams(location.search).get('q') ?? decodeURIComponent(location.hash.slice(1));
render(<Catalogue initialQuery={initial.slice(0, 200)} />, document.getElementById('app')!);
