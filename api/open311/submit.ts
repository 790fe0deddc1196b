// POST /requests: an Open311 service request becomes a case through the shared intake, like
// a call or a web form. Its case type is the rule setting `open311.caseTypeCode` (default
// complaint: civic apps report problems to be put right). The case is registered by the API
// client ("open311:<client id>", role system); what a case has no field for (email, device,
// account, media URL, address id, attributes) is kept in Open311Submission. A client's
// Idempotency-Key makes a resubmission answer the same request instead of a second case.
import type { Actor } from '../../rules/lifecycle/types';
import type { AppDeps } from '../deps';
import type { IntakeDoorDeps, IntakeOutcome } from '../cases/intake';
import { intakeScope } from '../cases/intakeRequests';
import { registrationBody } from '../cases/registration';
import { HttpError } from '../http/errors';
import type { AuthenticatedClient } from './apiKeyAuth';
import type { ServiceCatalog } from './catalog';
import { CONFIDENTIAL_ATTRIBUTE, type ServiceRequestBody } from './schemas';

export const CASE_TYPE_SETTING = 'open311.caseTypeCode';
const DEFAULT_CASE_TYPE = 'complaint';

/** One entry of the POST answer. */
export interface SubmittedRequest {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

/** Chinese names are family name first, without a space; others "first last". */
export function citizenNameOf(firstName: string | undefined, lastName: string | undefined): string | null {
  const parts = [firstName ?? '', lastName ?? ''];
  if (parts.every((part) => part === '')) return null;
  if (/[\u3400-\u9fff]/.test(parts.join(''))) return `${lastName ?? ''}${firstName ?? ''}`;
  return parts.filter((part) => part !== '').join(' ');
}

/** "占道经营：解放路夜市每晚占道" — the category, then the description's first line, shortened. */
export function caseTitleOf(categoryName: string, description: string | undefined): string {
  const firstLine = description?.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '');
  if (!firstLine) return categoryName;
  const characters = [...firstLine];
  return `${categoryName}：${characters.slice(0, 60).join('')}${characters.length > 60 ? '…' : ''}`;
}

export function open311Submission(deps: Pick<AppDeps, 'prisma' | 'log'> & IntakeDoorDeps) {
  const caseTypeCode = async (): Promise<string> => {
    const value = (await deps.prisma.ruleSetting.findUnique({ where: { key: CASE_TYPE_SETTING } }))?.value;
    return typeof value === 'string' && value !== '' ? value : DEFAULT_CASE_TYPE;
  };

  return async function submit(body: ServiceRequestBody, client: AuthenticatedClient, catalog: ServiceCatalog, key: string | null): Promise<{ submitted: SubmittedRequest; outcome: IntakeOutcome }> {
    const entry = catalog.byCode(body.service_code);
    if (!entry) throw new HttpError(404, 'not_found', `service_code ${body.service_code} not found`);
    const type = await caseTypeCode();
    const registration = registrationBody.parse({
      channel: 'open311',
      caseTypeCode: type,
      categoryId: entry.categoryId,
      urgency: 'normal',
      title: caseTitleOf(entry.categoryName, body.description),
      content: body.description ?? `${entry.categoryName}（经Open311提交，未填写描述）`,
      citizenName: citizenNameOf(body.first_name, body.last_name),
      citizenPhone: body.phone ?? null,
      address: body.address_string ?? null,
      latitude: body.lat ?? null,
      longitude: body.long ?? null,
      // 实名保密, the hotline's extension (validated true/false in schemas.ts); a 举报 type is confidential anyway.
      confidential: body.attribute?.[CONFIDENTIAL_ATTRIBUTE] === 'true',
    });
    const actor: Actor = { id: `open311:${client.id}`, roles: ['system'], unitId: null };
    // The request as the client sent it (its credentials and jurisdiction aside) is what a retry repeats.
    const { api_key: _key, jurisdiction_id: _jurisdiction, ...request } = body;
    const outcome = await deps.intake.register({ registration, registeredBy: actor, scope: intakeScope.apiClient(client.id), key, request });
    const { caseId } = outcome.registered;
    try {
      // Once per case: a retry finds the details saved.
      await deps.prisma.open311Submission.createMany({
        data: [{
          caseId, apiClientId: client.id, accountId: body.account_id ?? null, email: body.email ?? null, deviceId: body.device_id ?? null,
          addressId: body.address_id ?? null, mediaUrl: body.media_url ?? null, attributes: body.attribute ?? {},
        }],
        skipDuplicates: true,
      });
    } catch (error) {
      // The case is registered and its workflow runs: answering with an error would make the
      // client submit it again. The details are in the log for the operators.
      deps.log.error({ err: error, caseId, apiClientId: client.id, mediaUrl: body.media_url, addressId: body.address_id }, 'Open311 submission details not saved');
    }
    const submitted = { service_request_id: caseId, service_notice: catalog.noticeFor({ caseTypeCode: type, categoryId: entry.categoryId, urgency: 'normal' }), account_id: body.account_id ?? null };
    return { submitted, outcome };
  };
}
