/**
 * The engine probes each server but reports only health and version; who is signed in (the
 * job filter "mine", the admin-only golden refresh) is learned here, from the same answer,
 * without an extra request (cidx-api.md §7).
 */
import type { CidxApi, ServerInfo } from '../cidx/api';

export function observeProbe(api: CidxApi, onInfo: (info: ServerInfo) => void): CidxApi {
  return {
    listJobs: (query) => api.listJobs(query),
    getJob: (jobId) => api.getJob(jobId),
    cancelJob: (jobId) => api.cancelJob(jobId),
    submitSync: (repository, options) => api.submitSync(repository, options),
    refreshGoldenRepo: (alias) => api.refreshGoldenRepo(alias),
    listRepositories: () => api.listRepositories(),
    async probe() {
      const answer = await api.probe();
      if (answer.ok) onInfo(answer.value);
      return answer;
    },
  };
}
