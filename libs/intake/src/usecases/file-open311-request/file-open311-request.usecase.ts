import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UseCaseError, validateCommand } from '@hub/database';
import { OPEN311_SOURCE_PREFIX, open311Address, open311Services } from '@hub/tickets';
import { ReceiveWebIntakeUseCase } from '../receive-web-intake/receive-web-intake.usecase';
import { FileOpen311RequestCommand } from './file-open311-request.command';

export interface FiledOpen311Request {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string | null;
}

const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
const coordinate = (v: unknown, limit: number): number | null | 'bad' => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : 'bad';
};

/**
 * POST requests (GeoReport v2) from a civic app holding a key of HUB_OPEN311_KEYS: the service is
 * a category of the taxonomy, the place its address or point; it goes the one intake path (source
 * `Open311 <client>`, a receipt with 查询码 to the e-mail or mobile given) and answers with the
 * ticket number as service_request_id and a token (tokens/{token}).
 * Refusals: FORBIDDEN (api_key), BAD_INPUT (a missing or wrong parameter), both in Chinese.
 */
@Injectable()
export class FileOpen311RequestUseCase {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly receive: ReceiveWebIntakeUseCase,
  ) {}

  async execute(input: FileOpen311RequestCommand): Promise<FiledOpen311Request> {
    const p = validateCommand(FileOpen311RequestCommand, input).params;
    const client = this.config.env.open311Keys.get(String(p.api_key ?? ''));
    if (!client) throw new UseCaseError('FORBIDDEN', 'api_key 缺失或无效：请使用本平台发放的 Open311 密钥');
    const code = str(p.service_code, 64);
    if (!code) throw new UseCaseError('BAD_INPUT', 'service_code 必填：请从 services 列表中选择服务类型', 'service_code');
    const service = open311Services(this.config).find((s) => s.service_code === code);
    if (!service) throw new UseCaseError('BAD_INPUT', `service_code ${code} 不存在：请从 services 列表中选择服务类型`, 'service_code');
    const lat = coordinate(p.lat, 90);
    const long = coordinate(p.long, 180);
    if (lat === 'bad' || long === 'bad' || (lat === null) !== (long === null))
      throw new UseCaseError('BAD_INPUT', 'lat 和 long 须同时提供，且为有效的经纬度', 'lat');
    const addressString = str(p.address_string, 400);
    const addressId = str(p.address_id, 100);
    if (lat === null && !addressString && !addressId)
      throw new UseCaseError('BAD_INPUT', '须提供位置：lat 和 long、address_string 或 address_id 三者之一', 'address_string');
    const description = str(p.description, 4000);
    const name = [str(p.last_name, 50), str(p.first_name, 50)].filter(Boolean).join('') || null;
    const email = str(p.email, 200);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UseCaseError('BAD_INPUT', 'email 格式不正确', 'email');
    const phone = str(p.phone, 30);
    if (phone && !/^[+\d][\d\s-]{4,30}$/.test(phone)) throw new UseCaseError('BAD_INPUT', 'phone 格式不正确', 'phone');
    const media = str(p.media_url, 1000);
    const token = randomUUID();
    const r = await this.receive.execute({
      channel: 'web',
      source: `${OPEN311_SOURCE_PREFIX}${client}`.slice(0, 100),
      externalId: token,
      subject: service.path,
      text: [description ?? service.path, media ? `图片：${media}` : null, addressId ? `地址编号：${addressId}` : null].filter(Boolean).join('\n'),
      address: open311Address(addressString, lat, long) ?? undefined,
      name: name ?? undefined,
      email: email ?? undefined,
      phone: phone ?? undefined,
      receivedBy: { kind: 'system', id: null, name: `${OPEN311_SOURCE_PREFIX}${client}`.slice(0, 100) },
    });
    return {
      service_request_id: r.number,
      token,
      service_notice: r.lookupCode
        ? `已受理，工单编号 ${r.number}，查询码 ${r.lookupCode}（凭此可在 ${this.config.env.publicUrl}/q 查询进度）`
        : `已受理，工单编号 ${r.number}`,
      account_id: str(p.account_id, 100),
    };
  }
}
