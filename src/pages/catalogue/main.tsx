import { render } from 'preact';
import '../components/base.css';
import { Catalogue } from './Catalogue';
import './style.css';

const initial = new URLSearchParams(location.search).get('q') ?? decodeURIComponent(location.hash.slice(1));
render(<Catalogue initialQuery={initial.slice(0, 200)} />, document.getElementById('app')!);
