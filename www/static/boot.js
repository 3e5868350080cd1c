import init, { mount_page } from './whycors_www.js';
await init();
mount_page();
