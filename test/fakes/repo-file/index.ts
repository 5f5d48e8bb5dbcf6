export { gitlabFilesFake, gitlabFilesHandlers, type FakeProject, type GitlabFault, type GitlabFilesFake } from './gitlab-files.ts';
