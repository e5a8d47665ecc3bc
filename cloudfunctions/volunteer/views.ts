// Stored volunteer → what each reader may see. Sealed fields are opened only here, only for the
// views that show them (the person themselves; staff of the community see the name and area).
import { ageOn, dayOf, starStanding, VolunteerCard, VolunteerSelf, VolunteerSummary } from '../../core';
import type { ServerConfig } from '../../server/config';
import { piiCrypto } from '../../server/pii';
import { volunteerSettings } from '../../server/volunteer/config';
import { aad, VolunteerDoc } from '../../server/volunteer/store';

export function summary(v: VolunteerDoc): VolunteerSummary {
  return {
    volunteerId: v._id,
    volunteerNo: v.volunteerNo,
    communityId: v.communityId,
    status: v.status,
    maskedName: v.maskedName,
    maskedPhone: v.maskedPhone,
    maskedIdNumber: v.maskedIdNumber,
    trainings: v.trainings,
    insuranceUntil: v.insuranceUntil,
    rejectReason: v.rejectReason,
    version: v.version,
  };
}

export function openField(config: ServerConfig, v: VolunteerDoc, field: 'name' | 'area' | 'phone' | 'id', fallback: string): string {
  const sealed = { name: v.nameSealed, area: v.areaSealed, phone: v.phoneSealed, id: v.idSealed }[field];
  return sealed ? piiCrypto(config).open(sealed, aad(v._id, field)) : fallback;
}

export function self(config: ServerConfig, v: VolunteerDoc): VolunteerSelf {
  return {
    ...summary(v),
    name: openField(config, v, 'name', v.maskedName),
    gender: v.gender,
    birthDate: v.birthDate,
    residentialArea: openField(config, v, 'area', ''),
    skills: v.skills,
    serviceCategories: v.serviceCategories as VolunteerSelf['serviceCategories'],
    totalMinutes: Math.round(v.totalMinutes),
    ...starStanding(v.totalMinutes, volunteerSettings(config).starThresholdsHours),
    guardianConsent: v.guardian !== null,
    createdAt: v.createdAt,
  };
}

export function card(config: ServerConfig, v: VolunteerDoc, now: number): VolunteerCard {
  return { ...self(config, v), openid: v.openid, age: ageOn(v.birthDate, dayOf(now)) };
}

