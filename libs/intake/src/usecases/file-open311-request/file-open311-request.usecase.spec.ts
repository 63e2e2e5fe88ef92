import { open311Services } from '@hub/tickets';
import { intakeUseCases } from '../../intake-use-cases';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { handClock, specConfig } from '../../testing/spec-config';

const KEY = 'civic-app-key-0123456789';

describe('file an Open311 request', () => {
  const setUp = () => {
    const hub = inMemoryIntake();
    const config = specConfig();
    config.env.open311Keys = new Map([[KEY, '随手拍']]);
    const file = intakeUseCases(hub.uow, config, { clock: handClock('2025-03-02T01:15:00Z') }).fileOpen311Request;
    const service = open311Services(config).find((s) => s.path === '城市管理/占道经营') as { service_code: string };
    return { hub, file, code: service.service_code };
  };

  it('becomes a web ticket of the client’s source through the one intake path, with the place and a receipt', async () => {
    const { hub, file, code } = setUp();
    const filed = await file.execute({
      params: {
        api_key: KEY,
        service_code: code,
        lat: '28.68',
        long: '115.85',
        address_string: '东门商业街',
        description: '流动摊贩占道',
        email: 'a@example.cn',
        first_name: '小明',
        last_name: '陈',
      },
    });
    expect(filed).toMatchObject({ service_request_id: 'QH20250302-000001', token: expect.stringMatching(/^[0-9a-f-]{36}$/), account_id: null });
    expect(filed.service_notice).toMatch(/^已受理，工单编号 QH20250302-000001，查询码 [2-9A-Z]{8}/);
    expect(hub.tickets.tickets.get(1)).toMatchObject({
      channel: 'web',
      externalId: filed.token,
      subject: '城市管理/占道经营',
      text: '流动摊贩占道',
      address: '东门商业街（经纬度 28.68,115.85）',
    });
    expect(await hub.sources.findByName('Open311 随手拍')).toMatchObject({ channel: 'web' });
    expect(hub.tickets.requesters.get(1)).toMatchObject({ name: '陈小明', email: 'a@example.cn' });
    expect(hub.outbox.table.all()).toMatchObject([{ kind: 'receipt', to: ['a@example.cn'] }]);
  });

  it('refuses a missing or unknown key, service or place, saying which in Chinese', async () => {
    const { hub, file, code } = setUp();
    await expect(file.execute({ params: { service_code: code, address_string: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(file.execute({ params: { api_key: 'nope', service_code: code, address_string: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(file.execute({ params: { api_key: KEY, address_string: 'x' } })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'service_code' });
    await expect(file.execute({ params: { api_key: KEY, service_code: 'zzz', address_string: 'x' } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'service_code',
    });
    await expect(file.execute({ params: { api_key: KEY, service_code: code } })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'address_string' });
    await expect(file.execute({ params: { api_key: KEY, service_code: code, lat: '95', long: '115' } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'lat',
    });
    expect(hub.tickets.tickets.all()).toEqual([]);
  });
});
