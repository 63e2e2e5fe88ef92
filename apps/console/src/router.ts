import { createRouter, createWebHashHistory, RouteRecordRaw } from 'vue-router';
import { Role, session } from './session';
import { loginNext } from './login-redirect';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    roles?: Role[];
    public?: boolean;
  }
}

const DESK: Role[] = ['operator', 'supervisor', 'admin'];
const SUPER: Role[] = ['supervisor', 'admin'];

export function homeFor(role: Role | undefined): string {
  if (role === 'unit') return '/inbox/pending_ack';
  if (role === 'operator') return '/triage';
  if (role === 'leader') return '/leader';
  return '/dashboard';
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  { path: '/password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { title: '修改密码' } },
  {
    path: '/',
    component: () => import('./views/MainLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: () => homeFor(session.user?.role) },
      { path: 'triage', name: 'triage', component: () => import('./views/TriageView.vue'), meta: { title: '待分拨', roles: DESK } },
      { path: 'tickets', name: 'tickets', component: () => import('./views/TicketsView.vue'), meta: { title: '工单查询' } },
      { path: 'tickets/:id', name: 'ticket', component: () => import('./views/TicketDetailView.vue'), meta: { title: '工单详情' }, props: true },
      { path: 'follow-up', name: 'follow-up', component: () => import('./views/FollowUpView.vue'), meta: { title: '回访任务', roles: DESK } },
      { path: 'intake', name: 'intake', component: () => import('./views/IntakeView.vue'), meta: { title: '人工录入', roles: DESK } },
      { path: 'inbox/:view?', name: 'inbox', component: () => import('./views/InboxView.vue'), meta: { title: '办理工单', roles: ['unit'] }, props: true },
      { path: 'imports', name: 'imports', component: () => import('./views/ImportsView.vue'), meta: { title: '导入话务数据', roles: DESK } },
      { path: 'knowledge', name: 'knowledge', component: () => import('./views/KnowledgeView.vue'), meta: { title: '知识库' } },
      { path: 'canned-replies', name: 'canned-replies', component: () => import('./views/CannedRepliesView.vue'), meta: { title: '常用语', roles: ['admin'] } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: '时效看板', roles: DESK } },
      { path: 'overdue', name: 'overdue', component: () => import('./views/OverdueView.vue'), meta: { title: '超期督办', roles: DESK } },
      { path: 'supervision', name: 'supervision', component: () => import('./views/SupervisionView.vue'), meta: { title: '督办单', roles: SUPER } },
      { path: 'leader', name: 'leader', component: () => import('./views/LeaderView.vue'), meta: { title: '领导包案', roles: ['leader', ...SUPER] } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/ApprovalsView.vue'), meta: { title: '审核与审批', roles: DESK } },
      { path: 'reports', name: 'reports', component: () => import('./views/ReportsView.vue'), meta: { title: '工作总结报表', roles: SUPER } },
      { path: 'admin/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户管理', roles: ['admin'] } },
      { path: 'admin/:section', name: 'admin', component: () => import('./views/AdminView.vue'), meta: { title: '系统管理', roles: SUPER }, props: true },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.token || !session.user) {
    const next = loginNext(to.fullPath, to.query);
    return { name: 'login', query: next ? { next } : {} };
  }
  // A password an administrator set: nothing else until the user has chosen their own (the API refuses the rest too).
  if (session.user.mustChangePassword && to.name !== 'password') return { name: 'password' };
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return homeFor(session.user.role);
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 12345 受理平台` : '12345 受理平台';
});
