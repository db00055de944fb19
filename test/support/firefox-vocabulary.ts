// The engine in Node knows both browsers' words, as the Firefox build does (the Chrome build leaves Firefox's out).
import { installFirefoxVocabulary } from '../../src/engine/errors/vocabulary';

installFirefoxVocabulary();
